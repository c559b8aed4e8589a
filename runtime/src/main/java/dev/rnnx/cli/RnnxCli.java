package dev.rnnx.cli;
public final class RnnxCli { public static void main(String[] a) {} }
