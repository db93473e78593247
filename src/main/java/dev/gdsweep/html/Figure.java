package dev.gdsweep.html;

/**
 * One picture of the report.
 *
 * @param file its file name inside the images folder
 * @param section the heading it is listed under
 * @param title its title in the page
 * @param caption what it shows and what to look for (plain text; escaped when written)
 */
record Figure(String file, String section, String title, String caption, int width, int height) {}
