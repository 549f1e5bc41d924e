import groovy.json.JsonSlurper

def aws = evaluate(new File(basedir, 'local_aws.groovy'))
def killed = new File(basedir, 'interrupted-build.log').text
def log = new File(basedir, 'build.log').text

// the first build got as far as executing its change set, and was killed there
assert new File(basedir, 'interrupted-at.txt').text.startsWith('killed while CREATE_IN_PROGRESS; after the kill: CREATE_IN_PROGRESS')
assert killed.contains('Executing change set')
assert !killed.contains('BUILD SUCCESS') && !killed.contains('BUILD FAILURE')

// the deploy run again waited for the operation the killed build had started, then had nothing left to do
assert log.contains('Stack pause-dev in eu-west-1 is CREATE_IN_PROGRESS (another operation); waiting up to 30 min for it to finish.') \
        : 'the deploy run again did not find the stack busy: it started after the operation ended; lengthen DurationSeconds in template.yaml'
assert log =~ /CREATE_COMPLETE\s+AWS::CloudFormation::Stack\s+pause-dev/
assert log.contains('No changes to stack pause-dev in eu-west-1; nothing to execute.')
assert !log.contains('Executing change set')
assert log.contains('BUILD SUCCESS')

// the stack converged, created once, and the outputs the suite reads are there
assert aws.stackStatus('pause-dev') == 'CREATE_COMPLETE'
def operations = aws.stackEvents('pause-dev').findAll { it in ['CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS'] }
assert operations == ['CREATE_IN_PROGRESS'] : "stack operations: ${operations}"
def outputs = new JsonSlurper().parse(new File(basedir, 'target/samstage/dev/outputs.json'))
assert outputs.stackName == 'pause-dev' && outputs.region == 'eu-west-1'
// deployed to the local AWS, the suite's endpoint is its execute-api data plane for the stage's API
def apiId = (outputs.outputs.ApiUrl =~ /^https:\/\/(\w+)\.execute-api\.eu-west-1\.amazonaws\.com\/Prod$/)[0][1]
assert outputs.endpoint == "http://localhost:${System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort}/restapis/${apiId}/Prod/_user_request_"
