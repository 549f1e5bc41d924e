import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def stage = new File(basedir, 'target/samstage/dev')

// first run: uploaded with the stage's KMS key, change set created and executed, outputs written
assert log =~ /Packaged template\.yaml: 1 artifacts uploaded \([0-9.]+ (KiB|MiB)\), 0 reused/
assert log.contains('Executing change set')
assert log =~ /Stack clock-dev in eu-west-1 is CREATE_COMPLETE\./
def outputs = new JsonSlurper().parse(new File(stage, 'outputs.json'))
assert outputs.stage == 'dev' && outputs.stackName == 'clock-dev' && outputs.region == 'eu-west-1'
assert outputs.endpoint ==~ /https:\/\/\w+\.execute-api\.eu-west-1\.amazonaws\.com\/Prod/
assert outputs.outputs.ApiUrl == outputs.endpoint
def manifest = new JsonSlurper().parse(new File(stage, 'package-manifest.json'))
assert manifest.artifacts.size() == 1

// second run: the same content hash, so nothing uploaded; the stack's deployment digest matches,
// so no change set is created at all, which is a success
assert log =~ /Packaged template\.yaml: 0 artifacts uploaded \(0[.0]* (B|KiB|MiB)\), 1 reused/
assert log.contains('No changes to stack clock-dev in eu-west-1; nothing to execute.')
assert log.readLines().count { it.contains('change set samstage-') && it.contains('Creating ') } == 1
assert log.readLines().count { it.contains('BUILD SUCCESS') } == 2
