package io.peershare.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

/**
 * As docs/embedding.md says, a Servlet container serves the jar's files by itself: this module's jar in a web
 * application's {@code WEB-INF/lib}, deployed in Tomcat, gives the page at {@code /<context>/peershare/}.
 */
class ServedByServletContainerTest {

    private static final String FOLDER = "META-INF/resources/peershare/";
    private static final List<String> FILES = List.of("index.html", "app.js", "styles.css", "peershare-client.js");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void tomcatServesTheFilesOfTheJarInWebInfLibAndTheFolderAsItsIndex() throws Exception {
        Path webapp = Files.createTempDirectory("peershare-webapp");
        Path lib = Files.createDirectories(webapp.resolve("WEB-INF/lib"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("peershare-web.jar")))) {
            for (String name : FILES) {
                jar.putNextEntry(new JarEntry(FOLDER + name));
                jar.write(file(name));
                jar.closeEntry();
            }
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("peershare-tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getHost().setAutoDeploy(false);
        Context context = tomcat.addWebapp("/app", webapp.toString());
        // Tomcat's defaults (those of its conf/web.xml: the default servlet, welcome files) without the JSP servlet,
        // whose Jasper is not on the class path here.
        context.addLifecycleListener(event -> {
            if (Lifecycle.CONFIGURE_START_EVENT.equals(event.getType()) && context.findChild("jsp") != null) {
                context.removeChild(context.findChild("jsp"));
            }
        });
        tomcat.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            String base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app/peershare/";
            for (String name : FILES) {
                HttpResponse<byte[]> response = get(http, base + name);
                assertEquals(200, response.statusCode(), name);
                assertArrayEquals(file(name), response.body(), name);
            }
            HttpResponse<byte[]> folder = get(http, base);
            assertEquals(200, folder.statusCode(), "the folder answers with its index.html");
            assertArrayEquals(file("index.html"), folder.body());
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] file(String name) throws Exception {
        try (var in = ServedByServletContainerTest.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            return in.readAllBytes();
        }
    }
}
