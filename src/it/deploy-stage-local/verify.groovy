def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/samstage/local/test-reports')
assert reports.isDirectory() : "no JUnit reports in ${reports}"
def xml = reports.listFiles().findAll { it.name.endsWith('.xml') }
assert !xml.isEmpty() : "no JUnit XML in ${reports}"
def suite = new groovy.xml.XmlSlurper().parse(xml[0])
assert suite.@tests.toInteger() == 2
assert suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0
assert log.contains('GET /greetings/{name} -> GreeterFunction')
assert log.contains("Suite 'integration' passed: Tests run: 2, Failures: 0, Skipped: 0")
assert log.contains('BUILD SUCCESS')
// outputs.json carries the template's outputs as the local stage resolves them
def outputs = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/samstage/local/outputs.json'))
assert outputs.outputs.GreetingsUrl == outputs.endpoint + 'greetings/'
assert outputs.outputs.GreeterFunctionName == 'GreeterFunction'
// second invocation: the run goal
assert log =~ /Local stage local listening on http:\/\/127\.0\.0\.1:\d+\/ with 1 route\(s\)/
assert log.contains('Stopping in 2 s')
