def log = new File(basedir, 'build.log').text

def expected = "template.yaml: HelloWorldFunction (AWS::Serverless::Function) property CodeUri = 'HelloWorldFunction':" \
        + " the directory is a Maven module (HelloWorldFunction/pom.xml) that this build does not build, and its sources" \
        + " are no Lambda code; build it in the same run: list it in the <modules> of the pom that runs samstage (for the" \
        + " 'sam init' layout, a root pom with the function directories as modules), or set CodeUri to its built jar."
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].endsWith(': ' + expected + ' -> [Help 1]') : "expected one failure line ending with: ${expected}\n${errors}"
// nothing went to the bucket
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
assert aws.objectKeys('sources-artifacts-eu-west-1', 'eu-west-1') == []
