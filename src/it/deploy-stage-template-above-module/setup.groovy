// The invoker filters the pom of the directory it runs in, not the one invoker.project names:
// put the versions into the function module's pom as it would.
def pom = new File(basedir, 'hello-function/pom.xml')
pom.text = filterValues.split(',').inject(pom.text) { text, pair ->
    def (name, value) = pair.split('=', 2)
    text.replace("@${name}@", value)
}
assert !(pom.text =~ /@[a-z.-]+@/) : "unfiltered value left in ${pom}"

// The artifact bucket lives in the build account; create it in the local AWS before the build.
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
aws.createBucket('hello-above-artifacts-eu-west-1', 'eu-west-1')
true
