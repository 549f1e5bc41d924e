// Starts `mvn package-stage -Denv=dev` as a child process, waits until its 100 MiB artifact is
// being uploaded (a multipart upload is listed), and stops it with SIGINT, as Ctrl-C would.
// The plugin's shutdown hook must abort the upload: nothing may be left in the bucket.
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
def port = aws.port
def bucket = 'big-artifacts-eu-west-1'
aws.createBucket(bucket, 'eu-west-1')

// about 100 MiB of incompressible code: a seven-part upload with 16 MiB parts
def big = new File(basedir, 'src/main/resources/big.bin')
big.parentFile.mkdirs()
def random = new Random(42)
big.withOutputStream { out ->
    byte[] chunk = new byte[1 << 20]
    100.times { random.nextBytes(chunk); out.write(chunk) }
}

def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def tail = System.getProperty('maven.repo.local') ?: new File(System.getProperty('user.home'), '.m2/repository').absolutePath
def log = new File(basedir, 'interrupted-build.log')
// a JVM started with SIGINT ignored (a background job of a non-interactive shell) never sees Ctrl-C:
// restore the default disposition, then exec Maven in the same process
def pb = new ProcessBuilder('python3', '-c',
        'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])',
        mvn, '-B', '-o', "-Dmaven.repo.local=${localRepositoryPath.absolutePath}",
        "-Dmaven.repo.local.tail=${tail}", "-Dsamstage.endpointUrl=http://localhost:${port}",
        'package-stage', '-Denv=dev')
        .directory(basedir)
        .redirectErrorStream(true)
        .redirectOutput(log)
pb.environment().putAll([AWS_ACCESS_KEY_ID: 'AKIAFAKESAMSTAGE0001', AWS_SECRET_ACCESS_KEY: 'fake/SamstageSecret/DoNotLog/0000000001',
                         AWS_REGION: 'us-east-1'])
def build = pb.start()

// generous: the child Maven starts, compiles and tests first, on a machine that may be busy
def deadline = System.currentTimeMillis() + 300_000
def uploading = []
while (uploading.isEmpty()) {
    uploading = aws.incompleteUploads(bucket, 'eu-west-1')
    if (!build.alive) {
        throw new AssertionError("the build ended (exit ${build.exitValue()}) before its upload was seen; see ${log}")
    }
    if (System.currentTimeMillis() > deadline) {
        build.destroyForcibly()
        throw new AssertionError("no multipart upload started; see ${log}")
    }
    sleep 50
}

['kill', '-INT', String.valueOf(build.pid())].execute().waitFor()
assert build.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : "the build did not stop within 60 s of SIGINT; see ${log}"
def left = aws.incompleteUploads(bucket, 'eu-west-1')
new File(basedir, 'interrupted-at.txt').text = "interrupted while uploading ${uploading}; exit ${build.exitValue()}; left: ${left}\n"
true
