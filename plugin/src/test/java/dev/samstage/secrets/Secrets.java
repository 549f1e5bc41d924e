package dev.samstage.secrets;

import dev.samstage.testing.aws.LocalAws;
import java.util.List;

/** Recognisable fake secrets the hygiene test feeds in and then looks for everywhere. */
final class Secrets {

    static final String ACCESS_KEY = LocalAws.ACCESS_KEY;
    static final String SECRET_KEY = LocalAws.SECRET_KEY;
    static final String SESSION_TOKEN = "FAKESESSIONTOKENSamstage0001/DoNotLog+Zm9vYmFy==";
    static final String API_KEY = "FAKEAPIKEYSamstage0001DoNotLog";
    static final String BEARER_TOKEN = "FAKEBEARERSamstage0001.DoNotLog.eyJzdWIiOiJ4In0";
    static final String NO_ECHO_VALUE = "FAKENOECHOSamstage0001DoNotLog";

    /** Every secret; the access key id is not secret by itself, but it is kept out all the same. */
    static final List<String> ALL = List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN, API_KEY, BEARER_TOKEN, NO_ECHO_VALUE);

    private Secrets() {
    }
}
