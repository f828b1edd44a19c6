#!/bin/sh
touch /tmp/rhizome-pwned
