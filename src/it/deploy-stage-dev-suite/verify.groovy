import groovy.json.JsonSlurper
import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def aws = evaluate(new File(itShared, 'local_aws.groovy'))

// first run: deployed to the local AWS, and dev's suite passed against the stage's API
assert log =~ /Stack quote-dev in eu-west-1 is CREATE_COMPLETE\./
assert lines.count { it.contains("Suite 'integration' passed: Tests run: 2, Failures: 0, Skipped: 0") } == 1

// the endpoint the suite called is the local AWS's data plane for the stage; the output keeps AWS's URL
def outputs = new JsonSlurper().parse(new File(basedir, 'target/samstage/dev/outputs.json'))
def apiId = (outputs.outputs.ApiUrl =~ /^https:\/\/(\w+)\.execute-api\.eu-west-1\.amazonaws\.com\/Prod$/)[0][1]
assert outputs.endpoint == "${aws.endpoint}/restapis/${apiId}/Prod/_user_request_"

// read back: the function behind the API is the class this build compiled
def answer = new JsonSlurper().parse(new URL(outputs.endpoint + '/quote/Grace'))
def built = MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'target/classes/example/Quote.class').bytes)
assert answer.classSha256 == built.encodeHex().toString()
assert answer.quote == 'Good-morning, Grace'

// second run: nothing to deploy, the suite expects another greeting and fails the build with one line
assert log.contains('No changes to stack quote-dev in eu-west-1; nothing to execute.')
def failure = lines.findAll { it.startsWith('[ERROR] Failed to execute goal dev.samstage:samstage-maven-plugin:') }
assert failure.size() == 1 : failure
assert failure[0] =~ /: Suite 'integration' on dev failed: Tests run: 2, Failures: 1, Skipped: 0; reports in .*target[\/\\]samstage[\/\\]dev[\/\\]test-reports -> \[Help 1\]$/
def report = new File(basedir, 'target/samstage/dev/test-reports').listFiles().find { it.name.endsWith('.xml') }
def suite = new groovy.xml.XmlSlurper().parse(report)
assert suite.@tests.toInteger() == 2 && suite.@failures.toInteger() == 1
assert suite.testcase.find { it.@name.text().startsWith('quotesTheStagesGreetingForTheCaller') }.failure.@message.text()
        .contains('Good-evening, Ada')
true
