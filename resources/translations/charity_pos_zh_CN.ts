<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="34" />
        <source>Manager approval</source>
        <translation>店长批准</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="48" />
        <source>Why, in a few words</source>
        <translation>简要说明原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="49" />
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="50" />
        <source>Manager's PIN</source>
        <translation>店长 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="51" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/approval.py" line="54" />
        <source>Approve</source>
        <translation>批准</translation>
    </message>
</context>
<context>
    <name>CatalogScreen</name>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="52" />
        <source>Scan a barcode, or type a name or pinyin initials (Ctrl+F)</source>
        <translation>扫条码，或输入名称、拼音首字母（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="55" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="58" />
        <source>Show items off sale</source>
        <translation>显示停售商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="78" />
        <source>New item (Ctrl+N)</source>
        <translation>新增商品（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="79" />
        <source>Edit (Enter)</source>
        <translation>编辑（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="107" />
        <source>Catalog</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="110" />
        <source>Catalog: Ctrl+F search, Ctrl+N new item, Enter edit, ↓ from search to the list</source>
        <translation>商品目录：Ctrl+F 搜索，Ctrl+N 新增商品，Enter 编辑，↓ 从搜索框进入列表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="138" />
        <source>{count} items shown (first {limit})</source>
        <translation>显示 {count} 件商品（前 {limit} 件）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/view.py" line="139" />
        <source>{count} items shown</source>
        <translation>显示 {count} 件商品</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../charity_pos/messages.py" line="26" />
        <source>No store database at {path}.</source>
        <translation>找不到门店数据库：{path}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="27" />
        <source>{path} already exists; a new store needs a new file.</source>
        <translation>{path} 已存在；新建门店需要一个新文件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="28" />
        <source>{path} is not a charity-pos store database.</source>
        <translation>{path} 不是 charity-pos 门店数据库。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="29" />
        <source>{path} was written by a newer version of charity-pos (schema {revision}); please update the app.</source>
        <translation>{path} 由更新版本的 charity-pos 写入（结构版本 {revision}），请先升级本程序。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="32" />
        <source>{path} is open in another running copy of charity-pos; close that one first.</source>
        <translation>{path} 正被另一个运行中的 charity-pos 使用，请先关闭那一个。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="33" />
        <source>{path} is damaged and cannot be read ({detail}).</source>
        <translation>{path} 已损坏，无法读取（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="34" />
        <source>Barcode {barcode} is not valid: {why}.</source>
        <translation>条码 {barcode} 无效：{why}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="35" />
        <source>Barcode {barcode} already belongs to “{item_name}”.</source>
        <translation>条码 {barcode} 已属于“{item_name}”。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="36" />
        <source>“{value}” is already taken.</source>
        <translation>“{value}”已被使用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="37" />
        <source>Not found: {key}.</source>
        <translation>找不到：{key}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="38" />
        <source>No item has barcode {barcode}.</source>
        <translation>没有商品使用条码 {barcode}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="39" />
        <source>Wrong user name or PIN.</source>
        <translation>用户名或 PIN 码错误。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="40" />
        <source>Account {username} is locked after too many wrong PINs until {until}, or until a manager unlocks it.</source>
        <translation>账号 {username} 因 PIN 码错误次数过多已锁定，至 {until} 自动解锁，或由店长解锁。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="43" />
        <source>Account {username} has been switched off.</source>
        <translation>账号 {username} 已停用。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="44" />
        <source>Your role may not do this: {what}.</source>
        <translation>您的角色无权{what}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="45" />
        <source>A manager must approve this: {what}.</source>
        <translation>此操作需要店长批准：{what}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="46" />
        <source>The store's key file {path} is missing; restore it from the backup to read personal data.</source>
        <translation>门店密钥文件 {path} 不见了；请从备份恢复，才能读取个人信息。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="51" />
        <source>Wrong PIN. {attempts_left} tries left before the account is locked.</source>
        <translation>PIN 码错误。再错 {attempts_left} 次账号将被锁定。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="54" />
        <source>it is empty</source>
        <translation>条码为空</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="55" />
        <source>only digits are allowed</source>
        <translation>只能包含数字</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="56" />
        <source>it must have 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13)</source>
        <translation>位数应为 8、12 或 13 位（EAN-8、UPC-A、EAN-13）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="57" />
        <source>the check digit is wrong</source>
        <translation>校验位错误</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="61" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="62" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="63" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="64" />
        <source>Sale price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="65" />
        <source>Market reference price</source>
        <translation>市场参考价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="66" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="67" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="68" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="69" />
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="70" />
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="71" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="72" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="73" />
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="74" />
        <source>Store code</source>
        <translation>门店编码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="75" />
        <source>Short name</source>
        <translation>简称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="76" />
        <source>District</source>
        <translation>区</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="77" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="78" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="79" />
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="80" />
        <source>Relief card number</source>
        <translation>帮困卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="81" />
        <source>Household members</source>
        <translation>家庭人数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="82" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="83" />
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="84" />
        <source>Certificate reference</source>
        <translation>认定文书编号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="85" />
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="86" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="87" />
        <source>Donor type</source>
        <translation>捐赠人类型</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="91" />
        <source>{field} must not be empty.</source>
        <translation>{field}不能为空。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="92" />
        <source>{field} is too long.</source>
        <translation>{field}太长。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="93" />
        <source>{field}: “{value}” is not a number.</source>
        <translation>{field}：“{value}”不是有效数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="94" />
        <source>{field}: at most two decimals (fen).</source>
        <translation>{field}：最多两位小数（到分）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="95" />
        <source>{field} must not be negative.</source>
        <translation>{field}不能为负数。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="96" />
        <source>{field} must be more than zero.</source>
        <translation>{field}必须大于零。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="97" />
        <source>{field} is too large.</source>
        <translation>{field}太大。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="98" />
        <source>{field}: “{value}” is not known.</source>
        <translation>{field}：“{value}”不存在。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="99" />
        <source>A PIN is made of digits only.</source>
        <translation>PIN 码只能由数字组成。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="100" />
        <source>A PIN has 4 to 12 digits.</source>
        <translation>PIN 码应为 4 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="101" />
        <source>A user name is 2-32 lower-case letters, digits, '.', '-' or '_', starting with a letter.</source>
        <translation>用户名为 2-32 位小写字母、数字、“.”、“-”或“_”，以字母开头。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="104" />
        <source>A store code is 2-8 capital letters or digits, such as PT01.</source>
        <translation>门店编码为 2-8 位大写字母或数字，例如 PT01。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="105" />
        <source>You cannot switch off your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="106" />
        <source>An ID number has 17 digits and a final digit or X.</source>
        <translation>身份证号应为 17 位数字加 1 位数字或 X。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="107" />
        <source>The ID number's date of birth does not exist.</source>
        <translation>身份证号中的出生日期不存在。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="108" />
        <source>The ID number's last character (check character) is wrong.</source>
        <translation>身份证号最后一位（校验码）错误。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="109" />
        <source>A unified social credit code has 18 digits or capital letters (no I, O, S, V, Z).</source>
        <translation>统一社会信用代码为 18 位数字或大写字母（不含 I、O、S、V、Z）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="112" />
        <source>The credit code's last character (check character) is wrong.</source>
        <translation>统一社会信用代码最后一位（校验码）错误。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="113" />
        <source>A relief card number is up to 20 letters and digits.</source>
        <translation>帮困卡号最多 20 位字母和数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="114" />
        <source>A household has 1 to 20 members.</source>
        <translation>家庭人数应为 1 到 20 人。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="115" />
        <source>{field} is before the start date.</source>
        <translation>{field}早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="116" />
        <source>A phone number has 7 to 12 digits.</source>
        <translation>电话号码应为 7 到 12 位数字。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="120" />
        <source>An approval needs a reason.</source>
        <translation>批准需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="121" />
        <source>Only a manager can approve this.</source>
        <translation>只有店长可以批准此操作。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="125" />
        <source>add an item</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="126" />
        <source>edit an item</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="127" />
        <source>change a price</source>
        <translation>修改价格</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="128" />
        <source>take an item off sale</source>
        <translation>停售商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="129" />
        <source>receive stock</source>
        <translation>商品入库</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="130" />
        <source>record a stock count</source>
        <translation>登记盘点</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="131" />
        <source>manage staff accounts</source>
        <translation>管理员工账号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="132" />
        <source>unlock an account</source>
        <translation>解锁账号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="133" />
        <source>void a document</source>
        <translation>作废单据</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="134" />
        <source>refund a sale</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="135" />
        <source>override a rule</source>
        <translation>越权放行</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="136" />
        <source>record a donor</source>
        <translation>登记捐赠人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="137" />
        <source>manage the household registry</source>
        <translation>管理困难家庭名册</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="138" />
        <source>see a whole ID number</source>
        <translation>查看完整身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/messages.py" line="141" />
        <source>Something went wrong and nothing was saved. The details are in the log file.</source>
        <translation>出现意外错误，没有保存任何内容。详情见日志文件。</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../../charity_pos/ui/feedback.py" line="24" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="38" />
        <source>Edit item</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="38" />
        <source>New item</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="51" />
        <source>Scan the maker's barcode, or leave empty for an in-store code</source>
        <translation>扫描商品原有条码，留空则自动生成店内码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="55" />
        <source>market price of the same goods</source>
        <translation>同类商品的市场价格</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="57" />
        <source>Donated</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="57" />
        <source>Purchased</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="58" />
        <source>Consigned</source>
        <translation>代销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="60" />
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="62" />
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="63" />
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="64" />
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="65" />
        <source>&amp;Barcode</source>
        <translation>条码(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="66" />
        <source>Sale &amp;price (¥)</source>
        <translation>售价(&amp;P)（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="67" />
        <source>&amp;Reference price (¥)</source>
        <translation>参考价(&amp;R)（元）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="68" />
        <source>&amp;Source</source>
        <translation>来源(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="76" />
        <source>Changing a price or taking an item off sale needs a manager's approval.</source>
        <translation>修改价格或停售商品需要店长批准。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="81" />
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="83" />
        <source>Cancel (Esc)</source>
        <translation>取消（Esc）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="111" />
        <source>The price is above the market reference price.</source>
        <translation>售价高于市场参考价。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="144" />
        <source>Check the price</source>
        <translation>请核对价格</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/editor.py" line="145" />
        <source>Saved, but the price is above the market reference price.</source>
        <translation>已保存，但售价高于市场参考价。</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="23" />
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="23" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="23" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="23" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="24" />
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="24" />
        <source>Reference</source>
        <translation>参考价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="24" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="24" />
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="25" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="26" />
        <source>Donated</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="26" />
        <source>Purchased</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="27" />
        <source>Consigned</source>
        <translation>代销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="73" />
        <source>The price is above the market reference price.</source>
        <translation>售价高于市场参考价。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="95" />
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/catalog/model.py" line="95" />
        <source>Off sale</source>
        <translation>停售</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="22" />
        <source>charity-pos: log in</source>
        <translation>charity-pos：登录</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="29" />
        <source>Store {code} · {district}</source>
        <translation>门店 {code} · {district}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="37" />
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="38" />
        <source>&amp;PIN</source>
        <translation>PIN 码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="45" />
        <source>Log in (Enter)</source>
        <translation>登录（Enter）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="56" />
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/login.py" line="56" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="34" />
        <source>charity-pos · {store}</source>
        <translation>charity-pos · {store}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="70" />
        <source>&amp;System</source>
        <translation>系统(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="71" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="74" />
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="78" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="81" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="82" />
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="85" />
        <source>&amp;About charity-pos</source>
        <translation>关于 charity-pos(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="87" />
        <source>About charity-pos</source>
        <translation>关于 charity-pos</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="88" />
        <source>charity-pos {version}: point of sale for community charity supermarkets.</source>
        <translation>charity-pos {version}：社区慈善超市收银系统。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="92" />
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="92" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="94" />
        <source>Store: {store} ({code})   User: {user}   Role: {role}   Date: {date}</source>
        <translation>门店：{store}（{code}）   用户：{user}   角色：{role}   日期：{date}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="100" />
        <source>F1: this list</source>
        <translation>F1：本列表</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="100" />
        <source>Ctrl+L: log out</source>
        <translation>Ctrl+L：注销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="100" />
        <source>Ctrl+Q: quit</source>
        <translation>Ctrl+Q：退出</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="101" />
        <source>Ctrl+,: settings</source>
        <translation>Ctrl+,：设置</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="105" />
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/main_window.py" line="122" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>NewPinDialog</name>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="53" />
        <source>New PIN for {user}</source>
        <translation>为 {user} 设置新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="58" />
        <source>New PIN</source>
        <translation>新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="59" />
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="68" />
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
</context>
<context>
    <name>NewUserDialog</name>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="21" />
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="25" />
        <source>letters and digits, e.g. wangli</source>
        <translation>字母和数字，例如 wangli</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="28" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="29" />
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="32" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="33" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="34" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="35" />
        <source>PIN (4-12 digits)</source>
        <translation>PIN 码（4-12 位数字）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="36" />
        <source>PIN again</source>
        <translation>再次输入 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/dialogs.py" line="45" />
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="14" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="24" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="25" />
        <source>Text size (points)</source>
        <translation>字号（磅）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/settings.py" line="27" />
        <source>Changes take effect the next time charity-pos starts.</source>
        <translation>更改在下次启动 charity-pos 时生效。</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="45" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="45" />
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="45" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="46" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="56" />
        <source>New account</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="57" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="58" />
        <source>New PIN</source>
        <translation>新 PIN 码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="59" />
        <source>Switch off / on</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="72" />
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="80" />
        <source>Switched off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="82" />
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="84" />
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="85" />
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../../charity_pos/ui/staff/view.py" line="85" />
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <location filename="../../charity_pos/cli.py" line="106" />
        <location filename="../../charity_pos/cli.py" line="115" />
        <source>Error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="126" />
        <source>Created store {code} in {path}. Log in as “manager” with the PIN you chose.</source>
        <translation>已在 {path} 创建门店 {code}。请用“manager”账号和您设定的 PIN 码登录。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="138" />
        <source>Demo store created in {path}: {items} items, {donors} donors, {households} households, {events} journal events over {days} days.</source>
        <translation>演示门店已创建于 {path}：{items} 件商品，{donors} 位捐赠人，{households} 户困难家庭，{days} 天内 {events} 条日志事件。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="141" />
        <source>Demo accounts: cashier (PIN 1111), manager (PIN 9999).</source>
        <translation>演示账号：cashier（PIN 1111），manager（PIN 9999）。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="152" />
        <source>OK: {events} journal events, {records} records agree; chain head {head}.</source>
        <translation>校验通过：{events} 条日志事件，{records} 条记录一致；链头 {head}。</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="155" />
        <source>FAILED: </source>
        <translation>校验失败：</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="163" />
        <source>SQLite integrity check failed: {detail}</source>
        <translation>SQLite 完整性检查失败：{detail}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="164" />
        <source>journal event #{seq} is out of sequence (expected #{expected})</source>
        <translation>日志事件 #{seq} 序号不连续（应为 #{expected}）</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="165" />
        <source>journal event #{seq} does not link to the event before it</source>
        <translation>日志事件 #{seq} 与前一事件的链接不符</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="166" />
        <source>journal event #{seq} was altered: its hash does not match</source>
        <translation>日志事件 #{seq} 被改动：哈希值不符</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="167" />
        <source>journal event #{seq} cannot be read: {detail}</source>
        <translation>日志事件 #{seq} 无法读取：{detail}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="168" />
        <source>record {table}/{record} written by journal event #{seq} is missing</source>
        <translation>日志事件 #{seq} 写入的记录 {table}/{record} 不见了</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="169" />
        <source>record {table}/{record} is not in the journal</source>
        <translation>记录 {table}/{record} 不在日志中</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="170" />
        <source>record {table}/{record}: {column} is {found} in the database but {expected} in journal event #{seq}</source>
        <translation>记录 {table}/{record}：{column} 在数据库中为 {found}，但日志事件 #{seq} 中为 {expected}</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="177" />
        <source>donated</source>
        <translation>捐赠</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="177" />
        <source>purchased</source>
        <translation>采购</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="178" />
        <source>consigned</source>
        <translation>代销</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="182" />
        <source>active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="182" />
        <source>suspended</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="183" />
        <source>expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <location filename="../../charity_pos/cli.py" line="212" />
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <location filename="../../charity_pos/cli.py" line="212" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <location filename="../../charity_pos/cli.py" line="225" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <location filename="../../charity_pos/cli.py" line="212" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <source>Reference</source>
        <translation>参考价</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="202" />
        <location filename="../../charity_pos/cli.py" line="212" />
        <source>On hand</source>
        <translation>库存</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="205" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="205" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="224" />
        <source>Card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="224" />
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="224" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="225" />
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="225" />
        <source>Sub-district</source>
        <translation>街道</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="226" />
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="226" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="234" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="234" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="234" />
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="234" />
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../charity_pos/cli.py" line="234" />
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
</context>
</TS>