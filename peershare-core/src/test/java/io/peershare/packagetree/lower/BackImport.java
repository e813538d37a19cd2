package io.peershare.packagetree.lower;

import io.peershare.packagetree.upper.Upper;

/** Fixture for {@code PackageTreeTest}: a deliberate import back up the tree, which makes a cycle. */
public final class BackImport {

    public int size() {
        return new Upper().size();
    }
}
