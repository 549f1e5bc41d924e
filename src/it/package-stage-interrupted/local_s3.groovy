// Evaluated by setup.groovy and verify.groovy: the local S3 as the build account sees it. The
// local AWS reads the account from the access key and does not check signatures, so a scoped
// Authorization header is enough.
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort
def bucket = 'big-artifacts-eu-west-1'

def request = { String method, String path, String body = null ->
    def c = new URL("http://localhost:${port}/${bucket}${path}").openConnection()
    c.requestMethod = method
    c.setRequestProperty('Authorization', 'AWS4-HMAC-SHA256 Credential=AKIAFAKESAMSTAGE0001/20260101/eu-west-1/s3/aws4_request')
    if (body != null) { c.doOutput = true; c.outputStream.withWriter { it << body } }
    c
}

[
    createBucket: {
        def c = request('PUT', '', '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>')
        assert c.responseCode in [200, 204] : "CreateBucket: ${c.responseCode}"
    },
    // the keys of the incomplete multipart uploads in the bucket
    incompleteUploads: {
        def c = request('GET', '?uploads')
        assert c.responseCode == 200 : "ListMultipartUploads: ${c.responseCode}"
        (c.inputStream.text =~ /<Upload>.*?<Key>([^<]+)<\/Key>/).collect { it[1] }
    },
    objectBytes: { String key ->
        def c = request('GET', "/${key}")
        assert c.responseCode == 200 : "GetObject ${key}: ${c.responseCode}"
        c.inputStream.bytes
    },
]
