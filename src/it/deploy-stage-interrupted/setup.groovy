// Starts `mvn package-stage samstage:deploy -Denv=dev` as a child process, waits until the stack
// it creates is CREATE_IN_PROGRESS, and kills it with SIGKILL (a CodeBuild timeout, a lost agent).
// The invoker's own build then runs the deploy again; verify.groovy checks that it converged.
evaluate(new File(itShared, 'local_aws.groovy')).createBucket('pause-artifacts-eu-west-1', 'eu-west-1')
def aws = evaluate(new File(basedir, 'local_aws.groovy'))

def child = evaluate(new File(itShared, 'child_build.groovy'))
// not offline: on a cold local repository the child resolves what this IT's build did not need yet
def build = child.start(['package-stage', 'samstage:deploy', '-Denv=dev'])
String status = child.awaitWhileRunning(build, 'the stack pause-dev was in progress', 200) {
    def now = aws.stackStatus('pause-dev')
    now != null && now.endsWith('_IN_PROGRESS') && now != 'REVIEW_IN_PROGRESS' ? now : null
}

child.kill(build)
def after = aws.stackStatus('pause-dev')
new File(basedir, 'interrupted-at.txt').text = "killed while ${status}; after the kill: ${after}\n"
assert after.endsWith('_IN_PROGRESS') : "the stack was already ${after} when the build was killed: lengthen its DurationSeconds"
