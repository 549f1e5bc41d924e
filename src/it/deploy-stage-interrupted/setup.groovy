// Starts `mvn package-stage samstage:deploy -Denv=dev` as a child process, waits until the stack
// it creates is CREATE_IN_PROGRESS, and kills it with SIGKILL (a CodeBuild timeout, a lost agent).
// The invoker's own build then runs the deploy again; verify.groovy checks that it converged.
// waits until the local AWS the build started answers
evaluate(new File(itShared, 'local_aws.groovy'))
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort
def bucket = new URL("http://localhost:${port}/pause-artifacts-eu-west-1").openConnection()
bucket.requestMethod = 'PUT'
bucket.setRequestProperty('Authorization', 'AWS4-HMAC-SHA256 Credential=AKIAFAKESAMSTAGE0001/20260101/eu-west-1/s3/aws4_request')
bucket.doOutput = true
bucket.outputStream.withWriter { it << '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>' }
assert bucket.responseCode in [200, 204] : "create bucket: ${bucket.responseCode}"

def aws = evaluate(new File(basedir, 'local_aws.groovy'))

def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def tail = System.getProperty('maven.repo.local') ?: new File(System.getProperty('user.home'), '.m2/repository').absolutePath
def log = new File(basedir, 'interrupted-build.log')
// not offline: on a cold local repository the child resolves what this IT's build did not need yet
def pb = new ProcessBuilder(mvn, '-B', "-Dmaven.repo.local=${localRepositoryPath.absolutePath}",
        "-Dmaven.repo.local.tail=${tail}", "-Dsamstage.endpointUrl=http://localhost:${port}",
        'package-stage', 'samstage:deploy', '-Denv=dev')
        .directory(basedir)
        .redirectErrorStream(true)
        .redirectOutput(log)
pb.environment().putAll([AWS_ACCESS_KEY_ID: 'AKIAFAKESAMSTAGE0001', AWS_SECRET_ACCESS_KEY: 'fake/SamstageSecret/DoNotLog/0000000001',
                         AWS_REGION: 'us-east-1'])
def build = pb.start()

// generous: the child Maven starts, compiles and packages first, on a machine that may be busy
def deadline = System.currentTimeMillis() + 300_000
String status = null
while (true) {
    status = aws.stackStatus('pause-dev')
    if (status != null && status.endsWith('_IN_PROGRESS') && status != 'REVIEW_IN_PROGRESS') {
        break
    }
    if (!build.alive) {
        throw new AssertionError("the deploy ended (exit ${build.exitValue()}) before the stack was in progress; see ${log}")
    }
    if (System.currentTimeMillis() > deadline) {
        build.toHandle().descendants().forEach { it.destroyForcibly() }
        build.destroyForcibly()
        throw new AssertionError("stack pause-dev never went in progress (last: ${status}); see ${log}")
    }
    sleep 200
}

// SIGKILL: no shutdown hook, no finally block of the plugin runs
build.toHandle().descendants().forEach { it.destroyForcibly() }
build.destroyForcibly()
build.waitFor()
def after = aws.stackStatus('pause-dev')
new File(basedir, 'interrupted-at.txt').text = "killed while ${status}; after the kill: ${after}\n"
assert after.endsWith('_IN_PROGRESS') : "the stack was already ${after} when the build was killed: lengthen its DurationSeconds"
