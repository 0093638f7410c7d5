/** Figures of the reproduction (XChart line charts and histograms) and pictures of WL motifs and architectures (Java2D). */
package org.nasbowl.plots;
