import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort

// the function module was built before the root packaged the template that names it
def lines = log.readLines()
def built = lines.findIndexOf { it.contains('Building A sample Hello World created for SAM CLI.') }
def packaged = lines.findIndexOf { it ==~ /.*Packaged template\.yaml: 1 artifacts uploaded .*/ }
assert built >= 0 && packaged > built
assert log.contains('BUILD SUCCESS')

// the object read back is Lambda's Java layout of the module's build, not its sources
def manifest = new JsonSlurper().parse(new File(basedir, 'target/samstage/dev/package-manifest.json'))
assert manifest.artifacts.size() == 1
def key = manifest.artifacts[0].s3Uri - 's3://hello-artifacts-eu-west-1/'
def get = new URL("http://localhost:${port}/hello-artifacts-eu-west-1/${key}").openConnection()
get.setRequestProperty('Authorization', 'AWS4-HMAC-SHA256 Credential=AKIAFAKESAMSTAGE0001/20260101/eu-west-1/s3/aws4_request')
assert get.responseCode == 200
def object = new File(basedir, 'target/read-back.zip')
object.bytes = get.inputStream.bytes
def unpacked = new File(basedir, 'target/read-back')
def names = []
new java.util.zip.ZipFile(object).withCloseable { zip ->
    zip.entries().each { entry ->
        names << entry.name
        if (!entry.directory) {
            def out = new File(unpacked, entry.name)
            out.parentFile.mkdirs()
            out.bytes = zip.getInputStream(entry).bytes
        }
    }
}
assert names.contains('helloworld/App.class') : names
assert names.any { it ==~ /lib\/aws-lambda-java-core-[0-9.]+\.jar/ } : names
assert !names.any { it == 'pom.xml' || it.startsWith('src/') || it.startsWith('target/') } : names

// and the function runs from it
def classPath = [unpacked.toURI().toURL()] + new File(unpacked, 'lib').listFiles().collect { it.toURI().toURL() }
def loader = new URLClassLoader(classPath as URL[], ClassLoader.platformClassLoader)
def answer = loader.loadClass('helloworld.App').getDeclaredConstructor().newInstance().handleRequest([:], null)
assert answer.statusCode == 200 && answer.body.contains('hello world')
