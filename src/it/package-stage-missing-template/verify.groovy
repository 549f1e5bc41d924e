def log = new File(basedir, 'build.log').text
def dir = basedir.canonicalPath
def expected = "No SAM template in ${dir}: expected ${dir}/template.yaml (or template.yml, template.json); set -Dsamstage.template=<path> for another location."
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(': ' + expected) : "expected one failure line ending with: ${expected}\n${errors}"
