import java.util.regex.Pattern

def log = new File(basedir, 'build.log').text
def file = new File(basedir, 'template.yaml').canonicalPath
def expected = "${file}: Resources.FetchOrder.Properties.Events.Fetch declares route GET /orders/{orderId} of ServerlessRestApi," +
        " which GetOrder.Get already declares; remove or change the Path/Method of one of them"
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
def line = Pattern.compile('\\[ERROR\\] Failed to execute goal dev\\.samstage:samstage-maven-plugin:[^:]+:validate \\([^)]+\\)' +
        ' on project validate-duplicate-route: ' + Pattern.quote(expected) + ' -> \\[Help 1\\]')
assert errors.size() == 1 && line.matcher(errors[0]).matches() : "expected the validate goal to fail with: ${expected}\n${errors}"
// the same check the local stage makes, now made for dev before the build: nothing was compiled or packaged
assert !new File(basedir, 'target/classes').exists() : 'target/classes exists: the build went past validate'
assert !new File(basedir, 'target/samstage').exists()
