import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def stage = new File(basedir, 'target/samstage/dev')

// first run: uploaded with the stage's KMS key, change set created and executed, outputs written
assert log =~ /Packaged template\.yaml: 1 artifacts uploaded \([0-9.]+ (KiB|MiB)\), 0 reused/
assert log.contains('Executing change set')
assert log =~ /Stack clock-dev in eu-west-1 is CREATE_COMPLETE\./
def outputs = new JsonSlurper().parse(new File(stage, 'outputs.json'))
assert outputs.stage == 'dev' && outputs.stackName == 'clock-dev' && outputs.region == 'eu-west-1'
// deployed to the local AWS, the endpoint is its execute-api data plane for the stage's API
def apiId = (outputs.outputs.ApiUrl =~ /^https:\/\/(\w+)\.execute-api\.eu-west-1\.amazonaws\.com\/Prod$/)[0][1]
assert outputs.endpoint == "http://localhost:${System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort}/restapis/${apiId}/Prod/_user_request_"
def manifest = new JsonSlurper().parse(new File(stage, 'package-manifest.json'))
assert manifest.artifacts.size() == 1
// S3 stores the ARN of the key the stage names by alias (created by setup.groovy)
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
def key = manifest.artifacts[0].s3Uri - 's3://clock-artifacts-eu-west-1/'
def stored = aws.headers('clock-artifacts-eu-west-1', key, 'eu-west-1')
assert stored['x-amz-server-side-encryption'] == ['aws:kms']
assert stored['x-amz-server-side-encryption-aws-kms-key-id'][0] ==~ /arn:aws:kms:eu-west-1:\d{12}:key\/[-0-9a-f]+/

// second run: the same content hash, so nothing uploaded; the stack's deployment digest matches,
// so no change set is created at all, which is a success
assert log =~ /Packaged template\.yaml: 0 artifacts uploaded \(0[.0]* (B|KiB|MiB)\), 1 reused/
assert log.contains('No changes to stack clock-dev in eu-west-1; nothing to execute.')
assert log.readLines().count { it.contains('change set samstage-') && it.contains('Creating ') } == 1
assert log.readLines().count { it.contains('BUILD SUCCESS') } == 2

// read the artifact back from the bucket and run the function from it, as Lambda would
def unpacked = new File(basedir, 'target/read-back')
def names = aws.unpack(aws.objectBytes('clock-artifacts-eu-west-1', key, 'eu-west-1'), unpacked)
// Lambda's Java layout: the classes at the root, each runtime dependency under lib/
assert names.contains('example/Clock.class')
assert names.any { it ==~ /lib\/aws-lambda-java-core-[0-9.]+\.jar/ }
assert new File(unpacked, 'example/Clock.class').bytes == new File(basedir, 'target/classes/example/Clock.class').bytes
def answer = aws.invoke(unpacked, 'example.Clock', [:])
assert answer.statusCode == 200 : "the function from the stored artifact answered ${answer}"
assert answer.body.contains(', it is ')
