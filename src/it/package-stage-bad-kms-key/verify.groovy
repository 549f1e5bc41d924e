def log = new File(basedir, 'build.log').text
def expected = "The KMS key 'not-a-key' (-Dsamstage.kmsKeyId or the stage's kmsKeyId) is not a key id, key ARN, alias or alias ARN"
def errors = log.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
assert errors.size() == 1 && errors[0].contains(': ' + expected) : "expected one failure line containing: ${expected}\n${errors}"

// secret hygiene: the fake credentials (from the invoker's environment), session token, API key,
// bearer token and NoEcho parameter value appear nowhere in the build log or under target/
def secrets = ['AKIAFAKESAMSTAGE0001', 'fake/SamstageSecret/DoNotLog/0000000001',
               'FAKESESSIONTOKENSamstage0001', 'FAKEAPIKEYSamstage0001DoNotLog',
               'FAKEBEARERSamstage0001.DoNotLog', 'FAKENOECHOSamstage0001DoNotLog']
def scanned = [new File(basedir, 'build.log')]
def target = new File(basedir, 'target')
if (target.exists()) {
    target.eachFileRecurse(groovy.io.FileType.FILES) { scanned << it }
}
def leaks = []
scanned.each { file ->
    def text = new String(file.bytes, 'ISO-8859-1')
    secrets.each { secret -> if (text.contains(secret)) { leaks << "${secret} in ${file}" } }
}
assert leaks.isEmpty() : "secrets leaked: ${leaks}"
assert scanned.size() > 1 : 'the build wrote nothing under target/ to scan'
