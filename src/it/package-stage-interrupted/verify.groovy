import groovy.json.JsonSlurper

def aws = evaluate(new File(itShared, 'local_aws.groovy'))
def bucket = 'big-artifacts-eu-west-1'
def interrupted = new File(basedir, 'interrupted-build.log').text
def log = new File(basedir, 'build.log').text

// the first build was stopped with SIGINT during its upload, which it aborted on the way out
def record = new File(basedir, 'interrupted-at.txt').text
assert record ==~ /(?s)interrupted while uploading \[[^\]]+\.zip\]; exit \d+; left: \[\]\n/ : record
assert !interrupted.contains('BUILD SUCCESS')

// the build run again uploaded the artifact whole, and nothing incomplete is left in the bucket
assert log =~ /Packaged template\.yaml: 1 artifacts uploaded \(\d+\.\d MiB\), 0 reused/
assert log.contains('BUILD SUCCESS')
assert aws.incompleteUploads(bucket, 'eu-west-1') == []

// the object read back is the zip of the function's code: its big.bin is the file built
def manifest = new JsonSlurper().parse(new File(basedir, 'target/samstage/dev/package-manifest.json'))
def key = manifest.artifacts[0].s3Uri - 's3://big-artifacts-eu-west-1/'
def object = new File(basedir, 'target/read-back.zip')
object.bytes = aws.objectBytes(bucket, key, 'eu-west-1')
new java.util.zip.ZipFile(object).withCloseable { zip ->
    def entry = zip.getEntry('big.bin')
    assert entry != null : "big.bin is not in ${key}: ${zip.entries()*.name}"
    def stored = zip.getInputStream(entry).bytes
    assert java.security.MessageDigest.getInstance('SHA-256').digest(stored) ==
            java.security.MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'src/main/resources/big.bin').bytes)
    assert zip.getEntry('example/Big.class') != null
}
