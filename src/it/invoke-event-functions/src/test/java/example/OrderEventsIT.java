package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.samstage.testkit.FunctionResult;
import dev.samstage.testkit.IntegrationTest;
import dev.samstage.testkit.StageFunctions;
import dev.samstage.testkit.StageTest;
import org.junit.jupiter.api.Test;

/** The service has no API: its suite invokes the functions with events, as their sources would. */
@StageTest
@IntegrationTest
class OrderEventsIT {

    @Test
    void theQueueConsumerProcessesEveryMessageOfTheBatch(StageFunctions functions) {
        FunctionResult result = functions.invoke("OrderEventsFunction", """
                {"Records":[
                  {"messageId":"m-1","body":"{\\"order\\":1}","eventSource":"aws:sqs"},
                  {"messageId":"m-2","body":"{\\"order\\":2}","eventSource":"aws:sqs"}]}
                """);

        assertFalse(result.failed(), result.payload());
        assertEquals(2, result.json().get("processed").asInt());
        assertEquals("[\"m-1\",\"m-2\"]", result.json().get("messageIds").toString());
        assertTrue(result.log().contains("processing 2 order message(s) for shop north"), result.log());
    }

    @Test
    void theShippingRuleMarksTheOrderShipped(StageFunctions functions) {
        FunctionResult result = functions.invoke("ShipmentsFunction", """
                {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602","detail-type":"Order Shipped",
                 "source":"example.shipping","account":"123456789012","time":"2026-12-04T10:00:00Z",
                 "region":"us-east-1","resources":[],"detail":{"orderId":"o-42"}}
                """);

        assertFalse(result.failed(), result.payload());
        assertEquals("o-42", result.json().get("orderId").asText());
        assertEquals("SHIPPED", result.json().get("status").asText());
    }

    @Test
    void aBatchWithoutRecordsFailsTheConsumerAsLambdaReportsIt(StageFunctions functions) {
        FunctionResult result = functions.invoke("OrderEventsFunction", "{}");

        assertTrue(result.failed(), result.payload());
        assertEquals("Unhandled", result.functionError());
        assertEquals("java.lang.NullPointerException", result.errorType().orElseThrow());
    }
}
