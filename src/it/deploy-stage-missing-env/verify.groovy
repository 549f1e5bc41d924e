def log = new File(basedir, 'build.log').text
def expected = 'No stage selected: add -Denv=<stage> (known stages: dev, local).'
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(': ' + expected) : "expected one failure line ending with: ${expected}\n${errors}"
// rejected before anything was built: no compiler execution (Maven 3.9 prints `--- compiler:<version>:compile`,
// older versions the full artifact id) and no classes. Download lines of a cold local repository may name the plugin.
def compilations = log.readLines().findAll { it =~ /--- (maven-)?compiler(-plugin)?:[^:\s]+:(test)?[cC]ompile / }
assert compilations.isEmpty() : "the service was compiled:\n${compilations.join('\n')}"
assert !new File(basedir, 'target/classes').exists()
assert !new File(basedir, 'target/samstage').exists()
