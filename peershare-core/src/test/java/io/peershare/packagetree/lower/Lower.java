package io.peershare.packagetree.lower;

/** Fixture for {@code PackageTreeTest}: the lower package, on its own. */
public final class Lower {

    public int size() {
        return 1;
    }
}
