def log = new File(basedir, 'build.log').text
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort

def expected = "template.yaml: HelloWorldFunction (AWS::Serverless::Function) property CodeUri = 'HelloWorldFunction':" \
        + " the directory is a Maven module (HelloWorldFunction/pom.xml) that this build does not build, and its sources" \
        + " are no Lambda code; build it in the same run: list it in the <modules> of the pom that runs samstage (for the" \
        + " 'sam init' layout, a root pom with the function directories as modules), or set CodeUri to its built jar."
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].endsWith(': ' + expected + ' -> [Help 1]') : "expected one failure line ending with: ${expected}\n${errors}"
// nothing went to the bucket
def list = new URL("http://localhost:${port}/sources-artifacts-eu-west-1?list-type=2").openConnection()
list.setRequestProperty('Authorization', 'AWS4-HMAC-SHA256 Credential=AKIAFAKESAMSTAGE0001/20260101/eu-west-1/s3/aws4_request')
assert list.responseCode == 200
assert !list.inputStream.text.contains('<Key>')
