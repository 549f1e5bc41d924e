// Starts `mvn package-stage -Denv=dev` as a child process, waits until its 100 MiB artifact is
// being uploaded (a multipart upload is listed), and stops it with SIGINT, as Ctrl-C would.
// The plugin's shutdown hook must abort the upload: nothing may be left in the bucket.
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
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

def child = evaluate(new File(itShared, 'child_build.groovy'))
// a JVM started with SIGINT ignored (a background job of a non-interactive shell) never sees Ctrl-C:
// restore the default disposition, then exec Maven in the same process
def build = child.start(['-o', 'package-stage', '-Denv=dev'], ['python3', '-c',
        'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])'])
def uploading = child.awaitWhileRunning(build, 'its upload was seen', 50) { aws.incompleteUploads(bucket, 'eu-west-1') }

['kill', '-INT', String.valueOf(build.pid())].execute().waitFor()
assert build.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : "the build did not stop within 60 s of SIGINT; see ${child.log}"
def left = aws.incompleteUploads(bucket, 'eu-west-1')
new File(basedir, 'interrupted-at.txt').text = "interrupted while uploading ${uploading}; exit ${build.exitValue()}; left: ${left}\n"
true
