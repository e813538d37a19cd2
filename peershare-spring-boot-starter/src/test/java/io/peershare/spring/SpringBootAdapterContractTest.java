package io.peershare.spring;

import io.peershare.PeerShare;
import io.peershare.spring.app.ShareApplication;
import io.peershare.testkit.AdapterContract;
import java.net.URI;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The contract every adapter deployment passes (join, chat, signal, transfer, Origin, isolation, per-connection
 * handshake headers and addresses, slow readers), through the starter in a Spring Boot application on its
 * embedded Tomcat. The contract's engine is the application's own {@link PeerShare} bean, which the starter keeps.
 */
class SpringBootAdapterContractTest extends AdapterContract {

    private ConfigurableApplicationContext context;

    @Override
    protected URI deploy(Deployment deployment) {
        context = new SpringApplicationBuilder(ShareApplication.class)
                .initializers(app -> ((GenericApplicationContext) app)
                        .registerBean(PeerShare.class, deployment::engine))
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--peershare.allowed-origins=" + String.join(",", deployment.allowedOrigins()));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    @Override
    protected void undeploy() {
        if (context != null) {
            context.close();
        }
    }
}
