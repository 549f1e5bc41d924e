// The "deployed" orders API: a small HTTP server in this JVM on a free port, standing in for
// an API Gateway stage. The build gets its URL the way a team passes it: -Dsamstage.endpoint=...
import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpServer
import groovy.json.JsonOutput
import groovy.json.JsonSlurper

def requests = Collections.synchronizedList([])
def server = HttpServer.create(new InetSocketAddress(InetAddress.loopbackAddress, 0), 0)
server.createContext('/', { HttpExchange exchange ->
    String method = exchange.requestMethod
    String path = exchange.requestURI.path
    String body = exchange.requestBody.getText('UTF-8')
    requests << "${method} ${path}".toString()
    def (int status, Map answer) =
        method == 'GET' && path == '/Prod/health' ? [200, [status: 'UP']]
        : method == 'GET' && path == '/Prod/orders/42' ? [200, [id: '42', sku: 'A-1', quantity: 2, status: 'PENDING']]
        : method == 'POST' && path == '/Prod/orders' ? [201, new JsonSlurper().parseText(body) + [id: '43', status: 'PENDING']]
        : [404, [message: 'Not Found']]
    byte[] bytes = JsonOutput.toJson(answer).getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'application/json')
    exchange.sendResponseHeaders(status, bytes.length)
    exchange.responseBody.withStream { it.write(bytes) }
} as HttpHandler)
server.start()

// verify.groovy stops the server and checks what it was asked
context.put('ordersApi', server)
context.put('ordersApiRequests', requests)
context.get('userProperties').put('samstage.endpoint', "http://127.0.0.1:${server.address.port}/Prod".toString())
