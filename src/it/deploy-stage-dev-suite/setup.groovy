// The artifact bucket lives in the build account; create it in the local AWS before the build.
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
aws.createBucket('quote-artifacts-eu-west-1', 'eu-west-1')
true
