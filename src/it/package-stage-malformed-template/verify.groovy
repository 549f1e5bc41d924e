def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'template.yaml').canonicalPath
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(": ${file}:8:6: invalid YAML") : "expected the file and line of the YAML error\n${errors}"
assert !log.contains('maven-compiler-plugin')
