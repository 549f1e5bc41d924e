def log = new File(basedir, 'build.log').text
def lines = log.readLines()

// the modules were built before the root ran the stage, the suite module included
def built = { String name -> lines.findIndexOf { it.contains("Building ${name} 1.0") } }
def root = built('shop')
['shared-lib', 'orders-function', 'stock-function', 'service-tests'].each { assert built(it) >= 0 && built(it) < root : it }

// each function ran from its module's build (the orders one with the shared library), and the
// suite from the test module ran against the local stage
assert log.contains('GET /orders/{id} -> OrdersFunction')
assert log.contains('GET /stock/{sku} -> StockFunction')
assert log.contains("Suite 'integration' passed: Tests run: 2, Failures: 0, Skipped: 0")
def reports = new File(basedir, 'target/samstage/local/test-reports')
assert reports.listFiles().any { it.name.endsWith('.xml') }
assert log.contains('BUILD SUCCESS')

// the orders function's zip is Lambda's layout of its module's build: its classes, the shared library in lib/
def manifest = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/samstage/local/package-manifest.json'))
def orders = manifest.artifacts.find { it.resource == 'OrdersFunction' }
def names = new java.util.zip.ZipFile(new File(new URI(orders.s3Uri))).withCloseable { zip -> zip.entries()*.name }
assert names.contains('example/orders/OrderHandler.class') : names
assert names.contains('lib/shared-lib-1.0.jar') : names
assert !names.any { it.startsWith('src/') || it == 'pom.xml' } : names
