def log = new File(basedir, 'build.log').text
def expected = "The artifact bucket 'no-such-bucket-samstage' does not exist; create it or set -Dsamstage.bucket (or the stage's bucket) to an existing one."
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(': ' + expected) : "expected one failure line containing: ${expected}\n${errors}"
// checked before any upload: no packaged template, no manifest
assert !new File(basedir, 'target/samstage/dev/packaged-template.yaml').exists()
assert !new File(basedir, 'target/samstage/dev/package-manifest.json').exists()
