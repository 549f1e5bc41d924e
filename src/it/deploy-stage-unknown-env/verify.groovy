def log = new File(basedir, 'build.log').text
def expected = 'Unknown stage -Denv=qa (known stages: dev, local); declare it as an <environment> in the samstage plugin configuration.'
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(': ' + expected) : "expected one failure line ending with: ${expected}\n${errors}"
// rejected before anything started: nothing was compiled or packaged
assert !log.contains('maven-compiler-plugin') && !new File(basedir, 'target/samstage').exists()
