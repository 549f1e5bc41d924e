package dev.samstage.core.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.samstage.core.config.Environment;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeploymentPreferenceTypeTest {

    @ParameterizedTest
    @CsvSource({
            "AllAtOnce, CodeDeployDefault.LambdaAllAtOnce, true",
            "Canary10Percent5Minutes, CodeDeployDefault.LambdaCanary10Percent5Minutes, true",
            "Canary10Percent10Minutes, CodeDeployDefault.LambdaCanary10Percent10Minutes, true",
            "Canary10Percent15Minutes, CodeDeployDefault.LambdaCanary10Percent15Minutes, true",
            "Canary10Percent30Minutes, CodeDeployDefault.LambdaCanary10Percent30Minutes, true",
            "Linear10PercentEvery1Minute, CodeDeployDefault.LambdaLinear10PercentEvery1Minute, true",
            "Linear10PercentEvery2Minutes, CodeDeployDefault.LambdaLinear10PercentEvery2Minutes, true",
            "Linear10PercentEvery3Minutes, CodeDeployDefault.LambdaLinear10PercentEvery3Minutes, true",
            "Linear10PercentEvery10Minutes, CodeDeployDefault.LambdaLinear10PercentEvery10Minutes, true",
            "CodeDeployDefault.LambdaCanary10Percent5Minutes, CodeDeployDefault.LambdaCanary10Percent5Minutes, true",
            "shop-canary-25.v2, shop-canary-25.v2, false",
            "TestCustomDeploymentConfig, TestCustomDeploymentConfig, false"})
    void acceptsPredefinedAndCustomConfigurationNames(String name, String codeDeployName, boolean predefined) {
        DeploymentPreferenceType type = DeploymentPreferenceType.of(name);

        assertThat(type.codeDeployConfigName()).isEqualTo(codeDeployName);
        assertThat(type.predefined()).isEqualTo(predefined);
        assertThat(type.routing().isPresent()).isEqualTo(predefined);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Linear10PercentEvery5Minutes", "Canary20Percent5Minutes", "linear10percentevery1minute",
            "allatonce", "All-At-Once", "CodeDeployDefault.LambdaLinear5PercentEvery1Minute", "CodeDeployDefault.OneAtATime",
            "my config", "shop/canary", ""})
    void refusesNamesCodeDeployWouldOnlyRejectAtDeploymentTime(String name) {
        assertThatThrownBy(() -> DeploymentPreferenceType.of(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining("Linear10PercentEvery1Minute");
    }

    @Test
    void refusesANameLongerThanCodeDeployAllows() {
        assertThatThrownBy(() -> DeploymentPreferenceType.of("c".repeat(101))).hasMessageContaining("1-100 characters");
    }

    @Test
    void suggestsThePredefinedNameForAWrongCase() {
        assertThatThrownBy(() -> DeploymentPreferenceType.of("canary10percent5minutes"))
                .hasMessageContaining("did you mean Canary10Percent5Minutes?");
    }

    @Test
    void knowsHowPredefinedConfigurationsMoveTraffic() {
        TrafficRouting linear = DeploymentPreferenceType.of("Linear10PercentEvery3Minutes").routing().orElseThrow();
        TrafficRouting canary = DeploymentPreferenceType.of("Canary10Percent30Minutes").routing().orElseThrow();

        assertThat(linear).isEqualTo(new TrafficRouting(TrafficRouting.Kind.LINEAR, 10, Duration.ofMinutes(3)));
        assertThat(linear.steps()).isEqualTo(10);
        assertThat(canary.steps()).isEqualTo(2);
        assertThat(canary.describe()).isEqualTo("canary 10% then the rest after 30 min");
    }

    @Test
    void aStagePolicyWithABadPreferenceNamesTheStageAndTheSetting() {
        Environment prod = Environment.builder("prod").production(true).deploymentPreference("Linear10PercentEvery5Minutes").build();

        assertThatThrownBy(() -> TrafficPolicy.of(prod))
                .isInstanceOf(TrafficException.class)
                .hasMessageStartingWith("Stage prod: <deploymentPreference> of its <environment> 'Linear10PercentEvery5Minutes'"
                        + " looks like a predefined CodeDeploy configuration but is not one");
    }

    @Test
    void aStagePolicyTakesTheStagesPreferenceAndAlarms() {
        Environment prod = Environment.builder("prod").deploymentPreference("Linear10PercentEvery1Minute")
                .alarms(java.util.List.of("a", "b", "a")).build();

        TrafficPolicy policy = TrafficPolicy.of(prod);

        assertThat(policy.type().value()).isEqualTo("Linear10PercentEvery1Minute");
        assertThat(policy.alarms()).containsExactly("a", "b");
    }
}
