// Shared by the ITs' setup and verify scripts: the local AWS the build started in the background
// (plugin/pom.xml), as the build account sees it. Evaluate it with
//     def aws = evaluate(new File(itShared, 'local_aws.groovy'))
// The local AWS reads the account from the access key and does not check signatures, so plain
// requests with a scoped Authorization header are enough.
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort
def endpoint = "http://localhost:${port}"

// accessKey: the build account's, or one AssumeRole gave (the local AWS acts in the role's account)
def requestAs = { String accessKey, String method, String path, String region, String service, String body = null,
                Map<String, String> headers = [:] ->
    def c = new URL("${endpoint}${path}").openConnection()
    c.requestMethod = method
    c.setRequestProperty('Authorization',
            "AWS4-HMAC-SHA256 Credential=${accessKey}/20260101/${region}/${service}/aws4_request")
    headers.each { k, v -> c.setRequestProperty(k, v) }
    if (body != null) { c.doOutput = true; c.outputStream.withWriter { it << body } }
    c
}
def request = { String method, String path, String region, String service, String body = null,
                Map<String, String> headers = [:] ->
    requestAs('AKIAFAKESAMSTAGE0001', method, path, region, service, body, headers)
}
def json = { c -> new groovy.json.JsonSlurper().parse(c.inputStream) }

def objectBytes = { String bucket, String key, String region ->
    def c = request('GET', "/${bucket}/${key}", region, 's3')
    assert c.responseCode == 200 : "GetObject ${bucket}/${key}: ${c.responseCode}"
    c.inputStream.bytes
}

def unpack = { byte[] zip, File dir ->
    def file = new File(dir.parentFile, dir.name + '.zip')
    file.parentFile.mkdirs()
    file.bytes = zip
    def names = []
    new java.util.zip.ZipFile(file).withCloseable { z ->
        z.entries().each { entry ->
            names << entry.name
            if (!entry.directory) {
                def out = new File(dir, entry.name)
                out.parentFile.mkdirs()
                out.bytes = z.getInputStream(entry).bytes
            }
        }
    }
    names
}

// the build starts the local AWS in the background: wait until it answers
def deadline = System.currentTimeMillis() + 60_000
while (true) {
    try {
        new URL("${endpoint}/moto-api/").openConnection().with { connectTimeout = 1000; responseCode }
        break
    } catch (IOException e) {
        assert System.currentTimeMillis() < deadline : "local AWS on port ${port} did not start: ${e}"
        sleep 250
    }
}

[
    port: port,
    endpoint: endpoint,
    // a control request of the compatibility layer (/samstage-compat/...): its JSON answer
    compat: { String method, String path, String body = null ->
        def c = new URL("${endpoint}${path}").openConnection()
        c.requestMethod = method
        if (body != null) { c.doOutput = true; c.outputStream.withWriter { it << body } }
        assert c.responseCode == 200 : "${method} ${path}: ${c.responseCode}"
        json(c)
    },
    // the access key of a session in the role (and so in its account), as AssumeRole answers it
    assumeRole: { String roleArn, String region ->
        def c = request('POST', '/', region, 'sts', "Action=AssumeRole&Version=2011-06-15&RoleSessionName=verify&RoleArn=${roleArn}",
                ['Content-Type': 'application/x-www-form-urlencoded'])
        assert c.responseCode == 200 : "AssumeRole ${roleArn}: ${c.responseCode}"
        (c.inputStream.text =~ /<AccessKeyId>([^<]+)<\/AccessKeyId>/)[0][1]
    },
    // Lambda Invoke (RequestResponse) of name[:qualifier]: the version that ran and the function's answer
    invokeFunction: { String accessKey, String function, String payload, String region ->
        def c = requestAs(accessKey, 'POST', "/2015-03-31/functions/${function}/invocations", region, 'lambda', payload,
                ['Content-Type': 'application/json'])
        assert c.responseCode == 200 : "Invoke ${function}: ${c.responseCode}"
        [version: c.getHeaderField('X-Amz-Executed-Version'), error: c.getHeaderField('X-Amz-Function-Error'), answer: json(c)]
    },
    alias: { String accessKey, String function, String alias, String region ->
        def c = requestAs(accessKey, 'GET', "/2015-03-31/functions/${function}/aliases/${alias}", region, 'lambda')
        // moto answers GetAlias with 201 (AWS: 200); the SDKs take any 2xx
        assert c.responseCode in [200, 201] : "GetAlias ${function}:${alias}: ${c.responseCode}"
        json(c)
    },
    stackStatus: { String accessKey, String stack, String region ->
        def c = requestAs(accessKey, 'POST', '/', region, 'cloudformation', "Action=DescribeStacks&Version=2010-05-15&StackName=${stack}",
                ['Content-Type': 'application/x-www-form-urlencoded'])
        assert c.responseCode == 200 : "DescribeStacks ${stack}: ${c.responseCode}"
        (c.inputStream.text =~ /<StackStatus>([^<]+)<\/StackStatus>/)[0][1]
    },
    createBucket: { String bucket, String region ->
        def c = request('PUT', "/${bucket}", region, 's3',
                "<CreateBucketConfiguration><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>")
        assert c.responseCode in [200, 204] : "CreateBucket ${bucket}: ${c.responseCode}"
    },
    // a KMS key with an alias in the build account; returns the key's metadata
    createKmsKey: { String alias, String region ->
        def kms = { String action, String body ->
            def c = request('POST', '/', region, 'kms', body,
                    ['X-Amz-Target': "TrentService.${action}", 'Content-Type': 'application/x-amz-json-1.1'])
            assert c.responseCode == 200 : "KMS ${action}: ${c.responseCode}"
            new groovy.json.JsonSlurper().parse(c.inputStream)
        }
        def key = kms('CreateKey', '{"Description":"' + alias + '"}').KeyMetadata
        kms('CreateAlias', """{"AliasName":"${alias}","TargetKeyId":"${key.KeyId}"}""")
        key
    },
    objectBytes: objectBytes,
    headers: { String bucket, String key, String region ->
        def c = request('HEAD', "/${bucket}/${key}", region, 's3')
        assert c.responseCode == 200 : "HeadObject ${bucket}/${key}: ${c.responseCode}"
        c.headerFields
    },
    // the keys of the incomplete multipart uploads in a bucket
    incompleteUploads: { String bucket, String region ->
        def c = request('GET', "/${bucket}?uploads", region, 's3')
        assert c.responseCode == 200 : "ListMultipartUploads ${bucket}: ${c.responseCode}"
        (c.inputStream.text =~ /<Upload>.*?<Key>([^<]+)<\/Key>/).collect { it[1] }
    },
    objectKeys: { String bucket, String region ->
        def c = request('GET', "/${bucket}?list-type=2", region, 's3')
        assert c.responseCode == 200 : "ListObjectsV2 ${bucket}: ${c.responseCode}"
        (c.inputStream.text =~ /<Key>([^<]+)<\/Key>/).collect { it[1] }
    },
    // a function's zip read back, unpacked to dir: its entry names
    unpack: unpack,
    // the one function zip that package-stage uploaded (<projectDir>/target/samstage/<env>/package-manifest.json),
    // read back from S3 and unpacked into <projectDir>/target/read-back; asserts that it is Lambda's Java layout
    // of the module's build (the handler's class at the root, jars in lib/), never its sources.
    // Returns [key: the object's key, names: its entry names, dir: where it was unpacked]
    packagedFunction: { File projectDir, String env, String bucket, String region, String handlerClassFile ->
        def manifest = new groovy.json.JsonSlurper().parse(new File(projectDir, "target/samstage/${env}/package-manifest.json"))
        assert manifest.artifacts.size() == 1
        def key = manifest.artifacts[0].s3Uri - "s3://${bucket}/"
        def dir = new File(projectDir, 'target/read-back')
        def names = unpack(objectBytes(bucket, key, region), dir)
        assert names.contains(handlerClassFile) : names
        assert names.any { it ==~ /lib\/aws-lambda-java-core-[0-9.]+\.jar/ } : names
        assert !names.any { it == 'pom.xml' || it.startsWith('src/') || it.startsWith('target/') } : names
        [key: key, names: names, dir: dir]
    },
    // runs a Java handler from an unpacked function (Lambda's layout: classes at the root, jars in lib/)
    invoke: { File dir, String handlerClass, Object event ->
        def lib = new File(dir, 'lib')
        def classPath = [dir.toURI().toURL()] + (lib.exists() ? lib.listFiles().collect { it.toURI().toURL() } : [])
        def loader = new URLClassLoader(classPath as URL[], ClassLoader.platformClassLoader)
        loader.loadClass(handlerClass).getDeclaredConstructor().newInstance().handleRequest(event, null)
    },
]
