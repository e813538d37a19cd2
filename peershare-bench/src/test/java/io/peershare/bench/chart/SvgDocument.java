package io.peershare.bench.chart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG document parsed by the JDK's XML parser (which fails on anything not well-formed), for tests. */
public final class SvgDocument {

    public static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    private final Document document;

    private SvgDocument(Document document) {
        this.document = document;
    }

    public static SvgDocument parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new SvgDocument(factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
    }

    public Element root() {
        return document.getDocumentElement();
    }

    /** Every element of that name in the SVG namespace, in document order. */
    public List<Element> all(String tag) {
        NodeList nodes = document.getElementsByTagNameNS(SVG_NAMESPACE, tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The text of every {@code <text>} element. */
    public List<String> texts() {
        return all("text").stream().map(Element::getTextContent).toList();
    }

    /** The polyline drawn for a series, or null. */
    public Element line(String series) {
        return all("polyline").stream().filter(e -> e.getAttribute("data-series").equals(series)).findFirst().orElse(null);
    }

    /** A polyline's points as {x, y} pairs. */
    public static List<double[]> points(Element polyline) {
        List<double[]> points = new ArrayList<>();
        for (String pair : polyline.getAttribute("points").trim().split(" ")) {
            String[] xy = pair.split(",");
            points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
    }
}
