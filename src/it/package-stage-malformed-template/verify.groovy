def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'template.yaml').canonicalPath
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(": ${file}:8:6: invalid YAML") : "expected the file and line of the YAML error\n${errors}"
// rejected before anything was built: no compiler execution (Maven 3.9 prints `--- compiler:<version>:compile`,
// older versions the full artifact id) and no classes. Download lines of a cold local repository may name the plugin.
def compilations = log.readLines().findAll { it =~ /--- (maven-)?compiler(-plugin)?:[^:\s]+:(test)?[cC]ompile / }
assert compilations.isEmpty() : "the service was compiled:\n${compilations.join('\n')}"
assert !new File(basedir, 'target/classes').exists()
assert !new File(basedir, 'target/samstage').exists()
