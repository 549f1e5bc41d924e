// -Dsamstage.endpoint=not-a-url: the class fails once, before any request, naming the key, where it came from and the value
def log = new File(basedir, 'build.log').text
def expected = "dev.samstage.testkit.StageConfigurationException: samstage.endpoint (from system property samstage.endpoint) is 'not-a-url', " +
        "which is not an http(s) URL; set it to the API's invoke URL, for example https://abc123.execute-api.eu-west-1.amazonaws.com/Prod"
assert log.readLines().count { it == expected } == 1 : "expected exactly one line:\n${expected}"
assert log.contains('Tests run: 1, Failures: 0, Errors: 1, Skipped: 0')
assert !log.contains('readsAnOrder') && !log.contains('answersNotFoundForAnUnknownOrder') : 'no test method may run'
assert !log.contains('\tat ') : 'a configuration mistake needs no stack trace'
