// The "deployed" orders API: a small HTTP server in this JVM on a free port, standing in for
// an API Gateway stage, and a CloudFormation stack in the local AWS whose ApiUrl output names it.
// The build is told only the stack: -Dsamstage.stackName=orders-api-it -Dsamstage.region=us-east-1
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput

// the build starts the local AWS in the background: wait until it answers
// waits until the local AWS the build started answers
evaluate(new File(itShared, 'local_aws.groovy'))
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort

def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
server.createContext('/', { HttpExchange exchange ->
    String method = exchange.requestMethod
    String path = exchange.requestURI.path
    requests << "${method} ${path}".toString()
    def (int status, Map answer) = method == 'GET' && path == '/Prod/orders/42'
        ? [200, [id: '42', sku: 'A-1', quantity: 2, status: 'PENDING']]
        : [404, [message: 'Not Found']]
    byte[] bytes = JsonOutput.toJson(answer).getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'application/json')
    exchange.sendResponseHeaders(status, bytes.length)
    exchange.responseBody.withStream { it.write(bytes) }
} as HttpHandler)
server.start()
context.put('ordersApi', server)
context.put('ordersApiRequests', requests)

// CreateStack over the Query API (CreateStack, unlike a change set, records Outputs in the local AWS)
def template = JsonOutput.toJson([
    Resources: [Events: [Type: 'AWS::SNS::Topic']],
    Outputs: [
        ApiUrl: [Value: "http://127.0.0.1:${server.address.port}/Prod".toString()],
        EventsTopic: [Value: [Ref: 'Events']]]])
def form = [Action: 'CreateStack', Version: '2010-05-15', StackName: 'orders-api-it', TemplateBody: template]
    .collect { k, v -> "${k}=${URLEncoder.encode(v, 'UTF-8')}" }.join('&')
def call = new URL("http://localhost:${port}/").openConnection()
call.requestMethod = 'POST'
call.setRequestProperty('Content-Type', 'application/x-www-form-urlencoded')
call.setRequestProperty('Authorization', 'AWS4-HMAC-SHA256 Credential=AKIAFAKESAMSTAGE0001/20260101/us-east-1/cloudformation/aws4_request')
call.doOutput = true
call.outputStream.withWriter('UTF-8') { it << form }
if (call.responseCode != 200) {
    server.stop(0) // verify.groovy does not run after a failed set-up
    assert false : "CreateStack orders-api-it: ${call.responseCode} ${call.errorStream?.getText('UTF-8')}"
}
