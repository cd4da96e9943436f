<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Validation</name>
    <message numerus="yes">
        <source>The prompt is {length} characters; the limit for Chinese text is {limit}. The last %n characters would be cut off.</source>
        <translation>
            <numerusform>The prompt is {length} characters; the limit for Chinese text is {limit}. The last character would be cut off.</numerusform>
            <numerusform>The prompt is {length} characters; the limit for Chinese text is {limit}. The last %n characters would be cut off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The prompt is {length} characters; the limit for text is {limit}. The last %n characters would be cut off.</source>
        <translation>
            <numerusform>The prompt is {length} characters; the limit for text is {limit}. The last character would be cut off.</numerusform>
            <numerusform>The prompt is {length} characters; the limit for text is {limit}. The last %n characters would be cut off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The image is animated (%n frames); a still image is needed.</source>
        <translation>
            <numerusform>The image is animated (%n frame); a still image is needed.</numerusform>
            <numerusform>The image is animated (%n frames); a still image is needed.</numerusform>
        </translation>
    </message>
</context>
</TS>
