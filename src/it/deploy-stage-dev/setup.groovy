// The artifact bucket and the stage's KMS key live in the build account; create them in the
// local AWS before the build. S3 refuses SSE-KMS with a key or alias that does not exist in the
// bucket's region.
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
aws.createBucket('clock-artifacts-eu-west-1', 'eu-west-1')
aws.createKmsKey('alias/clock-artifacts', 'eu-west-1')
true
