<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>RouteRules</name>
    <message numerus="yes">
        <source>The prompt names character{number}, but there are only %n reference images.</source>
        <translation>
            <numerusform>The prompt names character{number}, but there is only %n reference image.</numerusform>
            <numerusform>The prompt names character{number}, but there are only %n reference images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>image_urls must hold exactly %n image URLs.</source>
        <translation>
            <numerusform>image_urls must hold exactly %n image URL.</numerusform>
            <numerusform>image_urls must hold exactly %n image URLs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskTable</name>
    <message numerus="yes">
        <source>%n takes</source>
        <comment>chain</comment>
        <translation>
            <numerusform>%n take</numerusform>
            <numerusform>%n takes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>HappyHorse keeps running here: %n tasks still running. Click the icon to open the window; Quit is in its menu.</source>
        <translation>
            <numerusform>HappyHorse keeps running here: %n task still running. Click the icon to open the window; Quit is in its menu.</numerusform>
            <numerusform>HappyHorse keeps running here: %n tasks still running. Click the icon to open the window; Quit is in its menu.</numerusform>
        </translation>
    </message>
</context>
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
    <message numerus="yes">
        <source>{route} takes {min} to {max} pictures; %n given.</source>
        <translation>
            <numerusform>{route} takes {min} to {max} pictures; %n given.</numerusform>
            <numerusform>{route} takes {min} to {max} pictures; %n given.</numerusform>
        </translation>
    </message>
</context>
</TS>
