// The artifact bucket and the stage's KMS key live in the build account; create them in the local AWS before the build.
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
aws.createBucket('approvals-artifacts-eu-west-1', 'eu-west-1')
aws.createKmsKey('alias/approvals-artifacts', 'eu-west-1')
true
