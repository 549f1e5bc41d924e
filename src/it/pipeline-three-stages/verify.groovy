def out = new File(basedir, 'target/samstage/pipeline')
def names = out.list().sort()
assert names == ['orders-deployment-role-111111111111-eu-west-1.yaml', 'orders-deployment-role-222222222222-eu-west-1.yaml',
                 'orders-deployment-role-333333333333-eu-west-1.yaml', 'orders-pipeline-base.yaml', 'orders-pipeline.yaml'] : names
def pipeline = new File(out, 'orders-pipeline.yaml').text
// stages in link order, not declaration order
assert pipeline.indexOf('- Name: dev') < pipeline.indexOf('- Name: staging') && pipeline.indexOf('- Name: staging') < pipeline.indexOf('- Name: prod')
assert pipeline.contains('Name: Approve-prod') && pipeline.contains('Provider: CodeCommit')
assert new File(out, 'orders-deployment-role-333333333333-eu-west-1.yaml').text.contains('RoleName: orders-eu-west-1-DeploymentRole')
// the pom's <deploymentRole> extends every deployment role
def role = new File(out, 'orders-deployment-role-111111111111-eu-west-1.yaml').text
assert role.contains('Sid: StateMachines') && role.contains('- states:CreateStateMachine')
assert role.contains('- arn:aws:iam::333333333333:policy/orders-observability')
// built once: the build packages for the first stage, every stage deploys that packaged template
assert pipeline.contains('- mvn -B package-stage -Denv=dev')
assert pipeline.contains('- mvn -B samstage:deploy samstage:verify -Denv=staging -Dsamstage.packagedTemplate=target/samstage/dev')
assert pipeline.count('deploy-stage') == 0
// prod: change set, approval, then exactly the approved change set
assert pipeline.contains('- mvn -B samstage:deploy -Denv=prod -Dsamstage.packagedTemplate=target/samstage/dev -Dsamstage.requiresApproval=true')
assert pipeline.contains('-Dsamstage.changeSet="$SAMSTAGE_CHANGE_SET"')
def lint = ['cfn-lint', '--regions', 'eu-west-1', '--'] + out.listFiles().collect { it.path }
def p = lint.execute()
def report = p.text
p.waitFor()
assert (p.exitValue() & ~12) == 0 : "cfn-lint exit ${p.exitValue()}:\n${report}"
def log = new File(basedir, 'build.log').text
assert log.contains('Deploy in this order: the base template in the build account')
