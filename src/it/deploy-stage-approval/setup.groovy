// The artifact bucket lives in the build account; create it in the local AWS before the build.
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort
// the build starts the local AWS in the background: wait until it answers
def deadline = System.currentTimeMillis() + 60_000
while (true) {
    try {
        new URL("http://localhost:${port}/moto-api/").openConnection().with { connectTimeout = 1000; responseCode }
        break
    } catch (IOException e) {
        assert System.currentTimeMillis() < deadline : "local AWS on port ${port} did not start: ${e}"
        sleep 250
    }
}
def http = { String method, String path, String body ->
    def c = new URL("http://localhost:${port}${path}").openConnection()
    c.requestMethod = method
    c.setRequestProperty('Authorization', 'AWS4-HMAC-SHA256 Credential=AKIAFAKESAMSTAGE0001/20260101/eu-west-1/s3/aws4_request')
    if (body) { c.doOutput = true; c.outputStream.withWriter { it << body } }
    assert c.responseCode in [200, 204] : "${method} ${path}: ${c.responseCode}"
}
http('PUT', '/approvals-artifacts-eu-west-1',
     '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>')
