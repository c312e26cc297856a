package org.karabeat.itests;

/** The JVM options Karaf 4.4 needs on Java 17 (from its bin/karaf), for containers started by tests. */
final class JavaOptions {

    static final String[] KARAF_JAVA17 = {
        "--add-reads=java.xml=java.logging",
        "--add-opens", "java.base/java.security=ALL-UNNAMED",
        "--add-opens", "java.base/java.net=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.util=ALL-UNNAMED",
        "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
        "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
        "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
        "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
        "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
        "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
        "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
        "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
        "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
        "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
        "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
        "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
        "-Xmx256m"
    };

    private JavaOptions() {
    }
}
