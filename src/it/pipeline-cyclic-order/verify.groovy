def log = new File(basedir, 'build.log').text
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains('form a cycle: every stage follows another, so no stage comes first') : errors
assert !new File(basedir, 'target/samstage/pipeline').exists()
