import groovy.json.JsonSlurper

def s3 = evaluate(new File(basedir, 'local_s3.groovy'))
def interrupted = new File(basedir, 'interrupted-build.log').text
def log = new File(basedir, 'build.log').text

// the first build was stopped with SIGINT during its upload, which it aborted on the way out
def record = new File(basedir, 'interrupted-at.txt').text
assert record ==~ /(?s)interrupted while uploading \[[^\]]+\.zip\]; exit \d+; left: \[\]\n/ : record
assert !interrupted.contains('BUILD SUCCESS')

// the build run again uploaded the artifact whole, and nothing incomplete is left in the bucket
assert log =~ /Packaged template\.yaml: 1 artifacts uploaded \(\d+\.\d MiB\), 0 reused/
assert log.contains('BUILD SUCCESS')
assert s3.incompleteUploads() == []

// the object read back is the zip of the function's code: its big.bin is the file built
def manifest = new JsonSlurper().parse(new File(basedir, 'target/samstage/dev/package-manifest.json'))
def key = manifest.artifacts[0].s3Uri - 's3://big-artifacts-eu-west-1/'
def object = new File(basedir, 'target/read-back.zip')
object.bytes = s3.objectBytes(key)
new java.util.zip.ZipFile(object).withCloseable { zip ->
    def entry = zip.getEntry('big.bin')
    assert entry != null : "big.bin is not in ${key}: ${zip.entries()*.name}"
    def stored = zip.getInputStream(entry).bytes
    assert java.security.MessageDigest.getInstance('SHA-256').digest(stored) ==
            java.security.MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'src/main/resources/big.bin').bytes)
    assert zip.getEntry('example/Big.class') != null
}
