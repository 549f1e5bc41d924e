import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def module = new File(basedir, 'hello-function')

// first build: the local stage ran the function from the module's build, and the module's suite passed
assert log.contains('GET /hello -> HelloFunction')
assert log.contains("Suite 'integration' passed: Tests run: 1, Failures: 0, Skipped: 0")
def outputs = new JsonSlurper().parse(new File(module, 'target/samstage/local/outputs.json'))
assert outputs.outputs.HelloApi == outputs.endpoint + 'hello/'

// second build: the object read back from S3 is Lambda's Java layout of the module's build
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
def function = aws.packagedFunction(module, 'dev', 'hello-above-artifacts-eu-west-1', 'eu-west-1', 'hello/App.class')
def answer = aws.invoke(function.dir, 'hello.App', [:])
assert answer.statusCode == 200 && answer.body.contains('hello from one level down')

// the packaged template names the uploaded object
def packaged = new File(module, 'target/samstage/dev/packaged-template.yaml').text
assert packaged.contains(function.key)
assert log.readLines().count { it.contains('BUILD SUCCESS') } == 2
