def log = new File(basedir, 'build.log').text

// the function module was built before the root packaged the template that names it
def lines = log.readLines()
def built = lines.findIndexOf { it.contains('Building A sample Hello World created for SAM CLI.') }
def packaged = lines.findIndexOf { it ==~ /.*Packaged template\.yaml: 1 artifacts uploaded .*/ }
assert built >= 0 && packaged > built
assert log.readLines().count { it.contains('BUILD SUCCESS') } == 2

// the object read back is Lambda's Java layout of the module's build, not its sources
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
def function = aws.packagedFunction(basedir, 'dev', 'hello-artifacts-eu-west-1', 'eu-west-1', 'helloworld/App.class')

// and the function runs from it
def answer = aws.invoke(function.dir, 'helloworld.App', [:])
assert answer.statusCode == 200 && answer.body.contains('hello world')

// second build: the local stage from the root ran the function from its module and the module's suite passed
assert log.contains('GET /hello -> HelloWorldFunction')
assert log.contains("Suite 'integration' passed: Tests run: 1, Failures: 0, Skipped: 0")
