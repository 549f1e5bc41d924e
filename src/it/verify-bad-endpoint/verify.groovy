def log = new File(basedir, 'build.log').text
def expected = "samstage.endpoint 'not-a-url' is not an http(s) URL; give one like https://abc123.execute-api.eu-west-1.amazonaws.com/Prod."
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(': ' + expected) : "expected one failure line containing: ${expected}\n${errors}"
// no suite was launched
assert !new File(basedir, 'target/samstage/dev/test-reports').exists()
