def log = new File(basedir, 'build.log').text
def expected = 'No stage selected: add -Denv=<stage> (known stages: dev, local).'
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(': ' + expected) : "expected one failure line ending with: ${expected}\n${errors}"
assert !log.contains('maven-compiler-plugin')
