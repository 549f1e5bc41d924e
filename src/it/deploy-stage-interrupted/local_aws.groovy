// Evaluated by setup.groovy and verify.groovy: the local AWS's query API as the stage account
// (111111111111) sees it. The local AWS reads the account from the access key and does not
// check signatures, so plain form posts with a scoped Authorization header are enough.
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort

def post = { String service, String region, String accessKey, Map params ->
    def c = new URL("http://localhost:${port}/").openConnection()
    c.requestMethod = 'POST'
    c.doOutput = true
    c.setRequestProperty('Content-Type', 'application/x-www-form-urlencoded')
    c.setRequestProperty('Authorization', "AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/${region}/${service}/aws4_request, "
            + 'SignedHeaders=host, Signature=0')
    c.outputStream.withWriter { w -> w << params.collect { k, v -> "${k}=${URLEncoder.encode(v as String, 'UTF-8')}" }.join('&') }
    int code = c.responseCode
    [code, (code < 400 ? c.inputStream : c.errorStream).text]
}

def stageKey = {
    def (code, body) = post('sts', 'us-east-1', 'AKIAFAKESAMSTAGE0001', [Action: 'AssumeRole', Version: '2011-06-15',
            RoleArn: 'arn:aws:iam::111111111111:role/it-inspector', RoleSessionName: 'it-inspector'])
    assert code == 200 : "AssumeRole: ${code} ${body}"
    (body =~ /<AccessKeyId>([^<]+)<\/AccessKeyId>/)[0][1]
}.call()

def cfn = { Map params -> post('cloudformation', 'eu-west-1', stageKey, params + [Version: '2010-05-15']) }

[
    // the stack's status, or null while it does not exist
    stackStatus: { String stack ->
        def (code, body) = cfn(Action: 'DescribeStacks', StackName: stack)
        if (code != 200) {
            assert body.contains('does not exist') : "DescribeStacks: ${code} ${body}"
            return null
        }
        (body =~ /<StackStatus>([^<]+)<\/StackStatus>/)[0][1]
    },
    // the stack's own events (not its resources'), oldest first, as "STATUS" strings
    stackEvents: { String stack ->
        def (code, body) = cfn(Action: 'DescribeStackEvents', StackName: stack)
        assert code == 200 : "DescribeStackEvents: ${code} ${body}"
        def members = (body =~ /(?s)<member>(.*?)<\/member>/).collect { it[1] }
        members.findAll { it.contains("<LogicalResourceId>${stack}</LogicalResourceId>") }
               .collect { (it =~ /<ResourceStatus>([^<]+)<\/ResourceStatus>/)[0][1] }
               .reverse()
    },
]
